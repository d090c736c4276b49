#define BOOST_TEST_MODULE results_dashboard
#include <boost/test/unit_test.hpp>
