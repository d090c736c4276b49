#define BOOST_TEST_MODULE v2gbench_unit_app
#include <boost/test/unit_test.hpp>
