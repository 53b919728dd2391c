/*
 * Host unit tests for the ECG filter chain (Unity + CMock, `ceedling test:all`).
 * Copyright (C) 2024 Meridian Cardio Ltd.
 */
#include <math.h>
#include "unity.h"
#include "ecg_filter.h"

#define FS 250.0

void setUp( void )
{
    vEcgFilterReset();
}

void tearDown( void )
{
}

static double prvGainAt( double dHz )
{
    double dPeak = 0.0;
    for( int i = 0; i < 2500; i++ )
    {
        int16_t sIn = ( int16_t ) ( 8000.0 * sin( 2.0 * M_PI * dHz * i / FS ) );
        int16_t sOut = sEcgFilterSample( sIn );
        if( i > 1250 && fabs( sOut ) > dPeak )
        {
            dPeak = fabs( sOut );
        }
    }
    return dPeak / 8000.0;
}

void test_passband_is_flat( void )
{
    TEST_ASSERT_DOUBLE_WITHIN( 0.1, 1.0, prvGainAt( 10.0 ) );
}

void test_mains_is_rejected( void )
{
    vEcgFilterSetMains( 50 );
    TEST_ASSERT_TRUE( prvGainAt( 50.0 ) < 0.05 );
}

void test_baseline_wander_is_removed( void )
{
    TEST_ASSERT_TRUE( prvGainAt( 0.1 ) < 0.2 );
}
