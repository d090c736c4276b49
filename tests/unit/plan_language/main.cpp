#define BOOST_TEST_MODULE plan_language
#include <boost/test/unit_test.hpp>
