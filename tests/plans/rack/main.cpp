#define BOOST_TEST_MODULE v2gbench_rack
#include <boost/test/unit_test.hpp>
