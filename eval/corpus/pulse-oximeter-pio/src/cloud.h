#pragma once
#include "spo2_algo.h"
void cloudBegin();
void cloudLoop();
void cloudPublish(const Spo2Reading &r);
