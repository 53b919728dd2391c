/*
 * Host unit test (Unity, built with CMake on the CI runner) for the flow-sensor linearisation.
 */
#include <math.h>
#include "unity.h"

extern float av3_flow_from_dp(float dp_pa, float temp_c);

void setUp(void) {}
void tearDown(void) {}

static void test_zero_pressure_is_zero_flow(void)
{
  TEST_ASSERT_FLOAT_WITHIN(0.01f, 0.0f, av3_flow_from_dp(0.0f, 37.0f));
}

static void test_flow_is_monotonic(void)
{
  float last = -1.0f;
  for (float dp = 0.0f; dp < 500.0f; dp += 10.0f)
  {
    float f = av3_flow_from_dp(dp, 37.0f);
    TEST_ASSERT_TRUE(f > last);
    last = f;
  }
}

static void test_reference_point(void)
{
  /* 120 Pa at 37 degC through the V3 orifice is 60 L/min (bench reference, report R-0412). */
  TEST_ASSERT_FLOAT_WITHIN(0.6f, 60.0f, av3_flow_from_dp(120.0f, 37.0f));
}

int main(void)
{
  UNITY_BEGIN();
  RUN_TEST(test_zero_pressure_is_zero_flow);
  RUN_TEST(test_flow_is_monotonic);
  RUN_TEST(test_reference_point);
  return UNITY_END();
}
