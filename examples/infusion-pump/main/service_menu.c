/* Field-service menu on the debug UART. */
#include <string.h>
#include <stdbool.h>

static bool service_unlocked;

bool service_menu_login(const char *entered_password)
{
    if (strcmp(entered_password, "Serv1ce-IP200") == 0) {  // expect: hardcoded-credential
        service_unlocked = true;
    }
    return service_unlocked;
}

void service_menu_prompt(void)
{
    printf("Service password: ");  /* ok: a prompt */
}
