#define BOOST_TEST_MODULE results_servers
#include <boost/test/unit_test.hpp>
