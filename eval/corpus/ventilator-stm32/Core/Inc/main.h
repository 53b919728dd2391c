/* USER CODE BEGIN Header */
/**
  ******************************************************************************
  * @file           : main.h
  * @brief          : Header for main.c file.
  *                   AeroVent V3 ICU ventilator - main board (STM32H743).
  ******************************************************************************
  * @attention
  *
  * Copyright (c) 2024 AeroVent Medical AB.
  * All rights reserved.
  *
  ******************************************************************************
  */
/* USER CODE END Header */

#ifndef __MAIN_H
#define __MAIN_H

#ifdef __cplusplus
extern "C" {
#endif

#include "stm32h7xx_hal.h"

/* USER CODE BEGIN Includes */
#include <stdint.h>
#include <stdbool.h>
/* USER CODE END Includes */

void Error_Handler(void);

/* Private defines -----------------------------------------------------------*/
#define VALVE_INSP_PWM_Pin        GPIO_PIN_6
#define VALVE_INSP_PWM_GPIO_Port  GPIOA
#define VALVE_EXP_PWM_Pin         GPIO_PIN_7
#define VALVE_EXP_PWM_GPIO_Port   GPIOA
#define BLOWER_EN_Pin             GPIO_PIN_0
#define BLOWER_EN_GPIO_Port       GPIOB
#define ALARM_BUZZER_Pin          GPIO_PIN_14
#define ALARM_BUZZER_GPIO_Port    GPIOB
#define PRESS_DRDY_Pin            GPIO_PIN_3
#define PRESS_DRDY_GPIO_Port      GPIOE
#define PRESS_DRDY_EXTI_IRQn      EXTI3_IRQn
#define SERVICE_UART_TX_Pin       GPIO_PIN_10
#define SERVICE_UART_RX_Pin       GPIO_PIN_11
#define WDG_KICK_Pin              GPIO_PIN_5
#define WDG_KICK_GPIO_Port        GPIOD

/* USER CODE BEGIN Private defines */
#define AV3_FW_VERSION_MAJOR 3
#define AV3_FW_VERSION_MINOR 2
#define AV3_FW_VERSION_PATCH 7
#define AV3_SERIAL_MAX_LEN   16
/* USER CODE END Private defines */

#ifdef __cplusplus
}
#endif

#endif /* __MAIN_H */
