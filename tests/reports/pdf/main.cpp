#define BOOST_TEST_MODULE v2gbench_pdf_report
#include <boost/test/unit_test.hpp>
