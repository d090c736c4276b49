#define BOOST_TEST_MODULE v2gbench_unit_files
#include <boost/test/unit_test.hpp>
