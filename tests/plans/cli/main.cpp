#define BOOST_TEST_MODULE v2gbench_plans_cli
#include <boost/test/unit_test.hpp>
