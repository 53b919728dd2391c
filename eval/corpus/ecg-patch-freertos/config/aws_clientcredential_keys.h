/*
 * CardioPatch W1 - device identity for AWS IoT Core.
 *
 * PEM-encoded client certificate and private key of the fleet-provisioning
 * "bootstrap" identity. Each patch replaces it with its own identity on first
 * connection (see provisioning.c).
 *
 * Must include the PEM header and footer and "\n" at the end of each line:
 * "-----BEGIN CERTIFICATE-----\n"\
 * "...base64 data...\n"\
 * "-----END CERTIFICATE-----\n"
 */
#ifndef AWS_CLIENT_CREDENTIAL_KEYS_H
#define AWS_CLIENT_CREDENTIAL_KEYS_H

/*
 * PEM-encoded client certificate.
 */
#define keyCLIENT_CERTIFICATE_PEM \
    "-----BEGIN CERTIFICATE-----\n" \
    "YkaJPoMBcxA5WAICYUK7/aPpFmgzgP1YZD8YXp4dc/4C6pICHq/XPuIafXch/Khr\n" \
    "J4GTg9JJklTa19R6zmauLXVHtNwg+P1ly+JumsjuCJ9Nmgfh6S/vpfLZrn9QaLme\n" \
    "ae0DPQ28zvUEYXORSJIaHEMAYEazV8lSXahJFyyoXyegFFD0ZRCYa32Db3fMlxNg\n" \
    "4+u1cIxTuwSjb5YPyV5PELVq8aJJgjJXzPCq+fRT6C8fgL0RCdIkxusAP/jLn1QJ\n" \
    "YtMM7RnhDztJzC6VfCzgtrYu1JtUyG2tetCL0hf1/jkP3AqgLFTr024H9+rEv7jr\n" \
    "MY3lxNTz06jyKkw8xwduDaiE9Selrr/D7pFN4ujbkeAvVND5LDSKdefLcXaFXLLC\n" \
    "QIqkk0GoVNlPMxe9G2eDeN47n+Un5m3pJbAcTFraKWXwGbPjOjnryOjBOw03L4Ln\n" \
    "uw8uYx+14DXMzaKANwOd6pYGT78SWbUd6HJvoFeEczKLX+IT3SlEnZ3VnmOJrZIv\n" \
    "LOA0Pkjay1YCvl6cHn8ZXKW/whTxIGeIxlUF3Rv+T9qsCAyjwS+2lAAdc53ExgAm\n" \
    "GqEtgVZP31AgmxbbJKVxJFens4fYaYJn6eBucgggyAoOohoT8Ymi/LWtGcyVgabU\n" \
    "NbGv7faH5bxs8R9eTNXGZ7RUYvB+++ljFMSpFTR2yyD6uVwKfApwc9GIRqpVdCyY\n" \
    "V4QoOXZkzKJZs1+CCAjwC8S279JxPmBHD6Atsz619SekFvPUYXsU33oVusUxVrtU\n" \
    "ndxD3oGEm4hMrPDr4Ui47R2nY4ODpDBm3Qb5yQWnPJ4JkJzc9n9JVfc56kFaSQda\n" \
    "HpAjjRR0ejztpCqfh8O2XxzFIUcOANmsRdw5XiYGyRQ7xedmb5Tgzzh+13L2OhuQ\n" \
    "Y5Qnf+vVUWyytGg4//xaLyeChKtbSKsedwywrYWxGP5uSyX2VIYxnuq7ZGe1UEdO\n" \
    "gHfzj7B7S3PnqIYW0tDa/m0aTi9c3tO0UKOGvHKPLAqDsa/BJCW+0tC9qNGdKOE9\n" \
    "NAV+OiJhguNhd94CyI/e/pKLxbSwQzDwoJG38GeChwMeizX9Sf51pJjv+a5NebJZ\n" \
    "a7heV31/gNkfU0gXKHvgxXfELjETf+pez8GuliMmIXJntutUd83s4TQTWZI=\n" \
    "-----END CERTIFICATE-----\n"

/*
 * PEM-encoded client private key.
 */
#define keyCLIENT_PRIVATE_KEY_PEM \
    "-----BEGIN RSA PRIVATE KEY-----\n" \
    "uT8+bGbmfJq2ALFI+YGltrknGUR8YJJuMtFWaiD726jmOreBA3wBUsCNp3Hc+3E5\n" \
    "MITS/kI/4wixcK1t4houicbBfs1K8x0Ql+j760dqrIh6trC//LbSY7xZtPCyyUQ9\n" \
    "5bu7g9er4yqALmSw5upokZhw+pYZ05tKWBYNWcrDq8x1DyBUEtUFLJbH3GqJKf3t\n" \
    "YfX74t3Pc5CZqXEzsQK7qALkSzTW5Sc5z0JQfVlmMrHJhjrVgEduqX+LfTTn4qpq\n" \
    "wUCTKs4yAHz97wUb7BZ8tU0flroGK/idDkGU6vYtKpsCbG+h9+dN3QjuL4yeW8AA\n" \
    "ve6eTrSckbwz329cX4tnF5u1stf0fhvxA+ubuRRJSqNL6VJr/u6IDt01QtYrcWiD\n" \
    "EnpO8t8dYQrimAD3T4ZP9bWBIhw92VAEMcaBb9J0SOwntp6LIx0Rktj9Zv36EPBW\n" \
    "g50TUc/DETddNJq08C/+tIaCVJth/UIgNKc1mVj/ccL5v3iUykgeNpm28L/F3ib6\n" \
    "E7yNXX2DgypVKTOqn3DhpJhUJxpIX3rEUNqH4ys+K5PdVhJ7/ukyportEWhx6jCK\n" \
    "2OGJiHOq93yn8SGZZIjZle0qvO/3JrqS5YIMipBBFUdOPU6kEpce/9B5/vuaxZ2D\n" \
    "PWOEktcg+xe07vwyTH2dcilYBMZL8cIiADU9Ya2I8evCMKqG6w+DDDDQ12ZatAAA\n" \
    "Ahy1xkJrD6N8gOMHn2JdpSi9aGo1ISDTtoZgxar/ogFN114MGuKBfe/zvuWOUQ7v\n" \
    "9E1VIywHIaDbY9zz34mtiWwAe5IM/WBio9siMjurFc8+hwFB3YX6UrfcUGjCf2pK\n" \
    "5jZC9Q8dmcIBiAHVcWg6DBULwRT+AZPZsZImybhT0jrbURAcT0GJE/M2LKhTVO0T\n" \
    "lLjWKh1JboC3kMh82Hi23UKM93hT9/abnAiCVXi8L2mXXNnhdfR4o1ENB4Jw3tAn\n" \
    "XoABmVzmcevVESoQzwEXaxgZYMbbmYBT9YUc6ssSYwbKfRPR+U8mf8lNd7BA3Ic+\n" \
    "zTZ+6utoTbmOXxOO0SNEJ+j8XNN1C4WVi7m8fvJVFzu7tpMyl9L7RgEGwSfYXjae\n" \
    "tWL29UFMCiRkJJB2SpHRJwARRhjck3Z6F70Wi2DqBecxPcAyP4+9/gS1aAN/WkNM\n" \
    "dOGjTAJnR19n47C8RdmdBjTjpKhHV4f3wL8JSGDgNCVv7zxSU66BxrAnw5RqPq1l\n" \
    "oo9+EvHCu1mZkw1twsyoxBiHfbYW6VaahudGFmNbuYIN76X8L2S4bnXlbAqMiM7t\n" \
    "g9AQUEYgygECNfikSkue/zPagApSwxv/QujGU8jV0ThYrnE1ux1SheRTPzXEEU/M\n" \
    "dO11wnZQy6aV+zNvMVZpCKZsmFoeohZ9bniPHGtgUXBFoSkEtbf4DGYtyxt4ZnYK\n" \
    "bc+egBs6sz4nAWHgODxObt+MgnWl0TizBxvZ25eVpaJnDBHAg1Tow2osToDA6qYP\n" \
    "ilWB7UNrMzXA3JAkwaiQbi9C1QVQAvKByejtnVnxfXdkZ+jWGB12ph+JZ9ckx5+u\n" \
    "+aHjcqMqKw9sWNMgE2i+XZCqaPrW6pYbL9lkiKsXQGSTvLYkURY=\n" \
    "-----END RSA PRIVATE KEY-----\n"

/*
 * PEM-encoded Just-in-Time Registration (JITR) certificate (optional).
 * If used, must include the certificate chain of the JITR CA.
 */
#define keyJITR_DEVICE_CERTIFICATE_AUTHORITY_PEM  ""  /* ok: empty */

#endif /* AWS_CLIENT_CREDENTIAL_KEYS_H */
