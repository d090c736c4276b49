#define BOOST_TEST_MODULE v2gbench_plans_matrix
#include <boost/test/unit_test.hpp>
