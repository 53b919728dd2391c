// Native unit tests for the SpO2 calibration curve (pio test -e native).
#include <unity.h>

float calibrate(float r) {
  return 110.2f - 24.8f * r;
}

void test_normal_saturation(void) {
  TEST_ASSERT_FLOAT_WITHIN(1.0f, 98.0f, calibrate(0.49f));
}

void test_hypoxic_saturation(void) {
  TEST_ASSERT_FLOAT_WITHIN(1.5f, 85.0f, calibrate(1.02f));
}

int main(int argc, char **argv) {
  UNITY_BEGIN();
  RUN_TEST(test_normal_saturation);
  RUN_TEST(test_hypoxic_saturation);
  return UNITY_END();
}
