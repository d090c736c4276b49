#define BOOST_TEST_MODULE v2gbench_sealed_record
#include <boost/test/unit_test.hpp>
