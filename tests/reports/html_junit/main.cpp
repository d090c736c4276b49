#define BOOST_TEST_MODULE v2gbench_reports
#include <boost/test/unit_test.hpp>
