/* Runs the four ATS helpers of a tree's ats.c on every case atscheck compares
 * with its model (checker/conform/pci_conform.cpp reads the output). One line
 * per case:
 *   helper vf | dev: cap untrusted enabled stu | pf: cap untrusted enabled stu | ps
 *     : ret warn_line enabled_after stu_after config_written
 * A device's capability, when present, sits at config offset 0x100. */
#include <stdio.h>
#include <string.h>

#include "atscheck_kernel.h"
#include "atscheck_pci_config.c"

static int warned_line;

void atscheck_warned(const char *function, int line) {
    (void)function;
    if (!warned_line)
        warned_line = line;
}

enum helper { SUPPORTED, PREPARE, ENABLE, DISABLE, HELPERS };
static const char *const helper_names[HELPERS] = {"pci_ats_supported", "pci_prepare_ats",
                                                  "pci_enable_ats", "pci_disable_ats"};

struct side {
    int cap, untrusted, enabled, stu;
};

static void set_up(struct pci_dev *dev, const struct side *s) {
    memset(dev, 0, sizeof(*dev));
    dev->ats_cap = s->cap ? 0x100 : 0;
    dev->untrusted = s->untrusted;
    dev->ats_enabled = s->enabled;
    dev->ats_stu = (u8)s->stu;
}

static int call(enum helper h, struct pci_dev *dev, int ps) {
    switch (h) {
    case SUPPORTED:
        return pci_ats_supported(dev);
    case PREPARE:
        return pci_prepare_ats(dev, ps);
    case ENABLE:
        return pci_enable_ats(dev, ps);
    default:
        pci_disable_ats(dev);
        return 0;
    }
}

static void run(enum helper h, int vf, const struct side *d, const struct side *p, int ps) {
    static struct pci_dev dev, pf;
    set_up(&dev, d);
    set_up(&pf, p);
    if (vf) {
        dev.is_virtfn = 1;
        dev.physfn = &pf;
    }
    warned_line = 0;
    const int ret = call(h, &dev, ps);
    printf("%s %d %d %d %d %d %d %d %d %d %d : %d %d %d %d %d\n", helper_names[h], vf, d->cap,
           d->untrusted, d->enabled, d->stu, p->cap, p->untrusted, p->enabled, p->stu, ps, ret,
           warned_line, dev.ats_enabled, dev.ats_stu, dev.config_writes > 0);
}

/* Every side: capability, trust, enable state, and an STU of none, the
 * minimum or a 64K granule. */
static int sides(struct side *out) {
    static const int stus[] = {0, 12, 16};
    int n = 0;
    for (int cap = 0; cap < 2; ++cap)
        for (int untrusted = 0; untrusted < 2; ++untrusted)
            for (int enabled = 0; enabled < 2; ++enabled)
                for (int s = 0; s < 3; ++s)
                    out[n++] = (struct side){cap, untrusted, enabled, stus[s]};
    return n;
}

int main(void) {
    static const int page_shifts[] = {11, 12, 16}; /* below PCI_ATS_MIN_STU, 4K, 64K */
    struct side all[24];
    const struct side none = {0, 0, 0, 0};
    const int n = sides(all);
    for (int h = 0; h < HELPERS; ++h) {
        const int takes_ps = h == PREPARE || h == ENABLE;
        for (int k = 0; k < (takes_ps ? 3 : 1); ++k) {
            const int ps = takes_ps ? page_shifts[k] : 0;
            for (int d = 0; d < n; ++d) {
                run((enum helper)h, 0, &all[d], &none, ps);
                for (int p = 0; p < n; ++p)
                    run((enum helper)h, 1, &all[d], &all[p], ps);
            }
        }
    }
    return 0;
}
