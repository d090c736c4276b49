#define BOOST_TEST_MODULE gbt27930
#include <boost/test/unit_test.hpp>
