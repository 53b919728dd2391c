#pragma once
void otaBegin();
void otaCheck();
