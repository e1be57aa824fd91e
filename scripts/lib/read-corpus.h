/* The whole corpus file in one buffer (one spare byte, so an empty file still allocates), for the measurement
 * programs beside this header; NULL after a message on stderr. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint8_t *read_corpus(const char *path, long *size) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return NULL; }
    fseek(f, 0, SEEK_END);
    *size = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *corpus = *size < 0 ? NULL : malloc((size_t)*size + 1);
    if (!corpus || fread(corpus, 1, (size_t)*size, f) != (size_t)*size) {
        fprintf(stderr, "%s: read failed\n", path);
        fclose(f);
        free(corpus);
        return NULL;
    }
    fclose(f);
    return corpus;
}
