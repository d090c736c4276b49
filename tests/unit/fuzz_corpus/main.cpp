#define BOOST_TEST_MODULE fuzz_corpus
#include <boost/test/unit_test.hpp>
