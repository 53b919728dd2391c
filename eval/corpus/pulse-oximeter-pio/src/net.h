#pragma once
void netBegin();
bool netConnected();
