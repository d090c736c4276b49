#define BOOST_TEST_MODULE v2gbench_wire_simlab
#include <boost/test/unit_test.hpp>
