/* CardioPatch W1 - ECG filter chain. Copyright (C) 2024 Meridian Cardio Ltd. */
#ifndef ECG_FILTER_H
#define ECG_FILTER_H

#include <stdint.h>

void vEcgFilterSetMains( uint8_t ucHz );
void vEcgFilterReset( void );
int16_t sEcgFilterSample( int16_t sRaw );

#endif
