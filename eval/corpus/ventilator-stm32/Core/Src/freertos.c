/**
  ******************************************************************************
  * File Name          : freertos.c
  * Description        : AeroVent V3 task set - ventilation control, alarms,
  *                      central-station link, service port.
  ******************************************************************************
  */
#include "FreeRTOS.h"
#include "task.h"
#include "main.h"
#include "cmsis_os.h"

/* USER CODE BEGIN Includes */
#include "alarm_mgr.h"
#include "fw_update.h"
/* USER CODE END Includes */

extern IWDG_HandleTypeDef hiwdg1;

osThreadId_t controlTaskHandle;
const osThreadAttr_t controlTask_attributes = {
  .name = "control",
  .stack_size = 1024 * 4,
  .priority = (osPriority_t) osPriorityRealtime,
};
osThreadId_t alarmTaskHandle;
const osThreadAttr_t alarmTask_attributes = {
  .name = "alarm",
  .stack_size = 512 * 4,
  .priority = (osPriority_t) osPriorityHigh,
};
osThreadId_t netTaskHandle;
const osThreadAttr_t netTask_attributes = {
  .name = "net",
  .stack_size = 2048 * 4,
  .priority = (osPriority_t) osPriorityBelowNormal,
};
osThreadId_t serviceTaskHandle;
const osThreadAttr_t serviceTask_attributes = {
  .name = "service",
  .stack_size = 1024 * 4,
  .priority = (osPriority_t) osPriorityLow,
};

void StartControlTask(void *argument);
void StartAlarmTask(void *argument);
void StartNetTask(void *argument);
extern void StartServiceTask(void *argument);
extern int av3_central_station_run(void);

void MX_FREERTOS_Init(void)
{
  controlTaskHandle = osThreadNew(StartControlTask, NULL, &controlTask_attributes);
  alarmTaskHandle = osThreadNew(StartAlarmTask, NULL, &alarmTask_attributes);
  netTaskHandle = osThreadNew(StartNetTask, NULL, &netTask_attributes);
  serviceTaskHandle = osThreadNew(StartServiceTask, NULL, &serviceTask_attributes);
}

void StartControlTask(void *argument)
{
  TickType_t last = xTaskGetTickCount();
  for (;;)
  {
    /* 500 Hz pressure/flow loop; see control.c for the PID and the breath state machine. */
    extern void av3_control_step(void);
    av3_control_step();
    HAL_IWDG_Refresh(&hiwdg1);
    vTaskDelayUntil(&last, pdMS_TO_TICKS(2));
  }
}

void StartAlarmTask(void *argument)
{
  for (;;)
  {
    av3_alarm_evaluate();
    osDelay(20);
  }
}

void StartNetTask(void *argument)
{
  MX_LWIP_Init();
  for (;;)
  {
    if (av3_central_station_run() != 0)
    {
      osDelay(5000);
    }
  }
}

void vApplicationStackOverflowHook(TaskHandle_t xTask, char *pcTaskName)
{
  (void)xTask;
  (void)pcTaskName;
  Error_Handler();
}

void vApplicationMallocFailedHook(void)
{
  Error_Handler();
}
