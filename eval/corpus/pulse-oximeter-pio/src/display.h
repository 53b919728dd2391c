#pragma once
#include <stdint.h>
void displayInit();
void displayMessage(const char *msg);
void displayReading(uint8_t spo2, uint8_t bpm, float pi);
