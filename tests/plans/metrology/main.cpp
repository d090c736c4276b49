#define BOOST_TEST_MODULE v2gbench_metrology
#include <boost/test/unit_test.hpp>
