/* Drives a tree's SMMUv3 ATS slice one model action at a time
 * (checker/conform/smmu_lockstep.cpp writes the scripts and reads the dumps).
 * Included at the end of the generated slice, so that it sees the tree's
 * structs and calls the tree's static functions. Besides the driver it plays a
 * one-group-per-device IOMMU core: probe and release as iommu_init_device()
 * and __iommu_group_remove_device() do (drivers/iommu/iommu.c), and the
 * group's domain set only after a successful attach (__iommu_attach_group).
 *
 * The model splits an attach into attach_prepare and attach_commit, other
 * actions running between them. The driver's attach runs on a stack of its
 * own (ucontext): attach_prepare runs it until the tree's
 * arm_smmu_attach_commit() is called, attach_commit resumes it there.
 *
 * Input, on stdin:
 *   system STU_SHIFT NDEV NDOM THIRD_PARTY_STU
 *   device D PF PASID              PF = -1 for a PF; PASID 1 for a PASID-capable function
 *   domain D paging|identity|blocked|sva
 *   script CAP UNTRUSTED STU ENABLED (per device) : ACTION... | ALTERNATIVE...
 *   expand ...                     as script, the prefix's steps not dumped
 * ACTION is probe:D, prepare:D:DOM, commit:D (commit!:D: with an injected
 * pci_enable_ats failure), release:D, third_party:D, quirk:D, pasid:D:DOM
 * (PASID 1 attached to DOM) or pasid_detach:D. A script is
 * one model state's first path and its outgoing edges: from a fresh driver
 * in the initial state it names, the actions, then each alternative after
 * them (each from a fresh driver again, the prefix replayed quietly).
 * Output, per step (step 0: before any action; ALT "-" on the prefix, the
 * alternative's word after it):
 *   SCRIPT STEP ALT {json dump}
 * or, when the tree's code kills the worker, SCRIPT 0 ALT crash SIGNAL. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#define ATSCHECK_MAX_DEV 8
#define ATSCHECK_MAX_DOM 8
#define ATSCHECK_STACK (256 * 1024)
#define ATSCHECK_MAX_LIST 64  /* a domain's devices list, at most, as dumped */
#define ATSCHECK_MAX_FREED 64 /* masters freed per device and run, remembered */

enum atscheck_kind { KIND_PAGING, KIND_IDENTITY, KIND_BLOCKED, KIND_SVA };

/* The one PASID of the model (model/pasid.hpp: SSID 1). */
#define ATSCHECK_SSID 1

struct atscheck_dev {
    struct pci_dev pdev;
    struct dev_iommu iommu;
    struct iommu_fwspec fwspec;
    struct iommu_domain *group_domain;
    int pf;
    int ops;
    /* An attach started by attach_prepare and stopped before commit. */
    ucontext_t ctx;
    int attach_domain, attaching, paused, pending_ats;
    int inject_enable_failure; /* commit!:D: pci_enable_ats fails where it would succeed */
    int master_live;           /* the probe's master, until kfree()d */
    int has_pasid;             /* the function's firmware gives it SSID bits */
    int pasid_domain;          /* the core's domain of PASID 1 (group->pasid_array), or -1 */
    void *freed_master[ATSCHECK_MAX_FREED]; /* the masters its releases freed */
    int n_freed;
};

static struct arm_smmu_device atscheck_smmu;
static struct fwnode_handle atscheck_fwnode;
static struct atscheck_dev devs[ATSCHECK_MAX_DEV];
static struct iommu_domain *doms[ATSCHECK_MAX_DOM];
static enum atscheck_kind dom_kind[ATSCHECK_MAX_DOM];
static int n_dev, n_dom, stu_shift, third_party_stu;
static ucontext_t main_ctx;
static char stacks[ATSCHECK_MAX_DEV][ATSCHECK_STACK];

/* This step's events, printed with its dump. */
static char events[16384];
static size_t events_len;
static int probe_failed;

static void event(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    if (events_len + 1 < sizeof(events)) {
        events_len += (size_t)snprintf(events + events_len, sizeof(events) - events_len, "%s",
                                       events_len ? "," : "");
        if (events_len < sizeof(events))
            events_len +=
                (size_t)vsnprintf(events + events_len, sizeof(events) - events_len, fmt, ap);
    }
    va_end(ap);
}

/* The tree's functions running when a WARN fires, innermost first, as a
 * JSON array (the splat's call trace). */
static const char *call_chain(void);

void atscheck_warn(const char *file, int line, const char *function) {
    event("[\"warn\",\"%s\",%d,\"%s\",%s]", file, line, function, call_chain());
}

void atscheck_warned(const char *function, int line) {
    event("[\"warn\",\"drivers/pci/ats.c\",%d,\"%s\",%s]", line, function, call_chain());
}

void atscheck_message(const char *file, int line, const char *function, const char *level) {
    event("[\"%s\",\"%s\",%d,\"%s\"]", level, file, line, function);
}

void atscheck_lock_taken_twice(const char *name, const char *file, int line) {
    event("[\"lock\",\"%s\",%d,\"%s\"]", file, line, name);
}

void atscheck_stub_called(const char *function) { event("[\"stub\",\"%s\"]", function); }

void *atscheck_scratch(void) {
    static _Alignas(64) char scratch[4096];
    memset(scratch, 0, sizeof(scratch));
    return scratch;
}

static int dev_index(const struct device *dev);

/* The firmware's "pasid-num-bits" (arm_smmu_probe_device): one SSID bit, SSIDs
 * 0 and 1, for a PASID-capable function; nothing else is described. */
int device_property_read_u32(struct device *dev, const char *name, u32 *val) {
    const int d = dev_index(dev);
    if (d >= 0 && devs[d].has_pasid && !strcmp(name, "pasid-num-bits")) {
        *val = 1;
        return 0;
    }
    *val = 0;
    return -EINVAL;
}

bool device_property_read_bool(struct device *dev, const char *name) {
    (void)dev, (void)name;
    return false;
}

/* A domain with a devices list and an ATS count: paging and SVA. */
static int tracked(int D) {
    return D < n_dom && (dom_kind[D] == KIND_PAGING || dom_kind[D] == KIND_SVA);
}

/* Who set what. The slice and ats.c are compiled with -finstrument-functions:
 * at every entry and exit of one of their functions the harness compares what
 * the abstraction reads (checker/conform/code_state.cpp) with what it read at
 * the last such point, and a change is the work of the innermost function of
 * the tree then running. Each stack of the harness (main, and each paused
 * attach's) has a call stack of its own. */
struct atscheck_fn_name {
    void *fn;
    const char *name;
};
static const struct atscheck_fn_name atscheck_fn_names[] = {ATSCHECK_TREE_FUNCTIONS};
#define ATSCHECK_WATCHED (ATSCHECK_MAX_DEV * 5 + ATSCHECK_MAX_DOM * 3)
struct atscheck_calls {
    const char *names[256];
    int depth;
};
static struct atscheck_calls main_calls, attach_calls[ATSCHECK_MAX_DEV], *calls = &main_calls;
static int watched[ATSCHECK_WATCHED];

static const char *call_chain(void) {
    static char out[2048];
    size_t len = (size_t)snprintf(out, sizeof(out), "[");
    for (int i = calls->depth - 1; i >= 0 && len < sizeof(out); --i)
        if (i < 256 && calls->names[i])
            len += (size_t)snprintf(out + len, sizeof(out) - len, "%s\"%s\"", len > 1 ? "," : "",
                                    calls->names[i]);
    if (len + 2 > sizeof(out))
        return "[]";
    snprintf(out + len, sizeof(out) - len, "]");
    return out;
}

static const char *innermost(void) {
    for (int i = calls->depth - 1; i >= 0; --i)
        if (calls->names[i])
            return calls->names[i];
    return NULL;
}

static const char *const watch_record[] = {"pdev", "pdev", "pdev", "master", "master"};
static const char *const domain_member[] = {"nr_ats_masters", "devices", "ats_invs"};
static const char *const watch_member[] = {"ats_enabled", "ats_stu", "ats_cap", "ats_enabled",
                                           "probed"};

static void watch(int *w) {
    int k = 0;
    for (int d = 0; d < ATSCHECK_MAX_DEV; ++d) {
        const struct pci_dev *p = &devs[d].pdev;
        const struct arm_smmu_master *m = devs[d].master_live ? devs[d].iommu.priv : NULL;
        w[k++] = p->ats_enabled;
        w[k++] = p->ats_stu;
        w[k++] = p->ats_cap != 0;
        w[k++] = m ? m->ats_enabled : 0;
        w[k++] = m != NULL;
    }
    for (int D = 0; D < ATSCHECK_MAX_DOM; ++D) {
        int nr = 0, len = 0, ats_users = 0;
        if (tracked(D) && doms[D]) {
            /* container_of itself: the tree's to_smmu_domain() is traced */
            struct arm_smmu_domain *sd = container_of(doms[D], struct arm_smmu_domain, domain);
            const struct list_head *e;
            nr = atomic_read(&sd->nr_ats_masters);
            for (e = sd->devices.next; e != &sd->devices && len < ATSCHECK_MAX_LIST; e = e->next)
                ++len;
#ifdef ATSCHECK_INVS
            for (size_t i = 0; sd->invs && i < sd->invs->num_invs; ++i)
                if (sd->invs->inv[i].type == INV_TYPE_ATS ||
                    sd->invs->inv[i].type == INV_TYPE_ATS_FULL)
                    ats_users += sd->invs->inv[i].users;
#endif
        }
        w[k++] = nr;
        w[k++] = len;
        w[k++] = ats_users;
    }
}

/* Whether the values set are attributed to the function setting them: the
 * lockstep names it when the model disagrees; a search has no use for it,
 * and it is most of a step's time (perf, fleet-3). */
static int attributing = 1;

static void attribute_changes(void) {
    static int inside; /* a traced function called from here reports nothing */
    if (inside || !attributing)
        return;
    inside = 1;
    int now[ATSCHECK_WATCHED];
    watch(now);
    const char *fn = innermost();
    for (int k = 0; k < ATSCHECK_WATCHED; ++k) {
        if (now[k] == watched[k] || !fn)
            continue;
        if (k < ATSCHECK_MAX_DEV * 5)
            event("[\"set\",\"%s\",%d,\"%s\",\"%s\"]", watch_record[k % 5], k / 5,
                  watch_member[k % 5], fn);
        else
            event("[\"set\",\"domain\",%d,\"%s\",\"%s\"]", (k - ATSCHECK_MAX_DEV * 5) / 3,
                  domain_member[(k - ATSCHECK_MAX_DEV * 5) % 3], fn);
    }
    memcpy(watched, now, sizeof(now));
    inside = 0;
}

static const char *name_of(void *fn) {
    for (size_t i = 0; i < sizeof(atscheck_fn_names) / sizeof(atscheck_fn_names[0]); ++i)
        if (atscheck_fn_names[i].fn == fn)
            return atscheck_fn_names[i].name;
    return NULL;
}

void __cyg_profile_func_enter(void *fn, void *site) {
    (void)site;
    attribute_changes();
    if (calls->depth < 256)
        calls->names[calls->depth] = name_of(fn);
    ++calls->depth;
}

void __cyg_profile_func_exit(void *fn, void *site) {
    (void)fn, (void)site;
    attribute_changes();
    if (calls->depth > 0)
        --calls->depth;
}

/* kfree: a master freed is gone for the watch before the core drops it.
 * Nothing is given back: a run is short, and an object the tree's code
 * still reaches after freeing it (a PASID entry of a master released with
 * its PASID attached) keeps what it held, and names its device. */
void atscheck_kfree(void *p) {
    for (int d = 0; d < n_dev; ++d)
        if (p && devs[d].iommu.priv == p) {
            devs[d].master_live = 0;
            if (devs[d].n_freed < ATSCHECK_MAX_FREED)
                devs[d].freed_master[devs[d].n_freed++] = p;
        }
}

/* An injected failure (faults.enable: injected) is one the hardware gives
 * where ats.c would have succeeded: its effect is taken back, -EIO returned. */
int atscheck_pci_enable_ats(struct pci_dev *pdev, int ps, const char *file, int line) {
    const struct pci_dev before = *pdev;
    int ret = (pci_enable_ats)(pdev, ps);
    const int d = dev_index(&pdev->dev);
    if (ret == 0 && d >= 0 && devs[d].inject_enable_failure) {
        *pdev = before;
        ret = -EIO;
    }
    if (ret)
        event("[\"enable_failed\",\"%s\",%d,%d]", file, line, ret);
    return ret;
}

static int dev_index(const struct device *dev) {
    for (int d = 0; d < n_dev; ++d)
        if (&devs[d].pdev.dev == dev)
            return d;
    return -1;
}

/* The device whose master this is, or was until its release freed it. */
static int master_index(const void *master) {
    for (int d = 0; d < n_dev; ++d) {
        if (master && devs[d].iommu.priv == master)
            return d;
        for (int k = 0; master && k < devs[d].n_freed; ++k)
            if (devs[d].freed_master[k] == master)
                return d;
    }
    return -1;
}

struct iommu_domain *iommu_get_domain_for_dev(struct device *dev) {
    const int d = dev_index(dev);
    return d < 0 ? NULL : devs[d].group_domain;
}

struct iommu_domain *iommu_driver_get_domain_for_dev(struct device *dev) {
    return iommu_get_domain_for_dev(dev);
}

/* The tree's arm_smmu_attach_commit() is renamed; this runs first. */
void atscheck_before_commit(const void *master, bool ats_enabled) {
    const int d = master_index(master);
    if (d < 0 || !devs[d].attaching || devs[d].paused)
        return;
    devs[d].paused = 1;
    devs[d].pending_ats = ats_enabled;
    attribute_changes();
    calls = &main_calls;
    swapcontext(&devs[d].ctx, &main_ctx);
    calls = &attach_calls[d];
    devs[d].paused = 0;
}

/* __iommu_attach_device(): the domain's attach_dev; the group's domain is set
 * only when it succeeds. A paging domain's ops are those the driver gives its
 * paging domains (arm_smmu_ops.default_domain_ops), whose attach_dev is
 * arm_smmu_attach_dev(). */
static int core_attach(int d, int D) {
    struct device *dev = &devs[d].pdev.dev;
    struct iommu_domain *dom = doms[D];
#ifdef ATSCHECK_ATTACH_WITH_OLD
    struct iommu_domain *old = devs[d].group_domain;
    const int ret = dom_kind[D] == KIND_PAGING ? arm_smmu_attach_dev(dom, dev, old)
                                               : dom->ops->attach_dev(dom, dev, old);
#else
    const int ret =
        dom_kind[D] == KIND_PAGING ? arm_smmu_attach_dev(dom, dev) : dom->ops->attach_dev(dom, dev);
#endif
    if (ret == 0) {
        devs[d].group_domain = dom;
        devs[d].ops += devs[d].ops < 2;
    }
    return ret;
}

static int attaching_dev;

static void attach_entry(void) {
    const int d = attaching_dev;
    const int ret = core_attach(d, devs[d].attach_domain);
    if (ret)
        event("[\"attach_failed\",%d]", ret);
    devs[d].attaching = 0;
}

static void action_prepare(int d, int D) {
    struct atscheck_dev *a = &devs[d];
    a->attach_domain = D;
    a->attaching = 1;
    attaching_dev = d;
    getcontext(&a->ctx);
    a->ctx.uc_stack.ss_sp = stacks[d];
    a->ctx.uc_stack.ss_size = sizeof(stacks[d]);
    a->ctx.uc_link = &main_ctx;
    makecontext(&a->ctx, attach_entry, 0);
    attach_calls[d].depth = 0;
    calls = &attach_calls[d];
    swapcontext(&main_ctx, &a->ctx);
    calls = &main_calls;
}

static void action_commit(int d, int inject) {
    devs[d].inject_enable_failure = inject;
    if (!devs[d].paused) {
        event("[\"not_prepared\",%d]", d);
        return;
    }
    calls = &attach_calls[d];
    swapcontext(&main_ctx, &devs[d].ctx);
    calls = &main_calls;
    devs[d].inject_enable_failure = 0;
}

/* timing adversarial: another driver's pci_enable_ats() at third_party_stu. */
static void action_third_party(int d) { (pci_enable_ats)(&devs[d].pdev, third_party_stu); }

/* A quirk_*_no_ats FINAL fixup: pdev->ats_cap = 0. */
static void action_quirk(int d) { devs[d].pdev.ats_cap = 0; }

/* iommu_init_device(): ops->probe_device; on an error the core frees the
 * device's IOMMU data (dev_iommu_free), so the driver's private pointer goes. */
static void action_probe(int d) {
    struct atscheck_dev *a = &devs[d];
    a->fwspec.iommu_fwnode = &atscheck_fwnode;
    a->fwspec.flags = IOMMU_FWSPEC_PCI_RC_ATS;
    a->fwspec.num_ids = 1; /* one StreamID per function: d + 1 */
    a->fwspec.ids[0] = (u32)d + 1;
    a->iommu.fwspec = &a->fwspec;
    a->pdev.dev.iommu = &a->iommu;
    a->ops = 0;
    a->master_live = 1;
    struct iommu_device *ret = arm_smmu_probe_device(&a->pdev.dev);
    if (IS_ERR(ret)) {
        probe_failed = 1;
        a->iommu.priv = NULL;
    }
}

/* __iommu_group_remove_device(): ops->release_device, then the device's IOMMU
 * data and group go. */
static void action_release(int d) {
    struct atscheck_dev *a = &devs[d];
#ifdef ATSCHECK_CORE_RELEASE_DOMAIN
    /* iommu_deinit_device(): the driver's release_domain first, with the
     * group's domain as the old one (900c:4375) [S: the core's code] */
    struct iommu_domain *blocked = &arm_smmu_blocked_domain;
    if (blocked->ops->attach_dev(blocked, &a->pdev.dev, a->group_domain) == 0)
        a->group_domain = blocked;
#endif
    arm_smmu_release_device(&a->pdev.dev);
    a->iommu.priv = NULL;
    a->group_domain = NULL;
    a->pasid_domain = -1;
}

static int domain_index(const struct iommu_domain *dom) {
    for (int D = 0; D < n_dom; ++D)
        if (dom && doms[D] == dom)
            return D;
    return dom ? -2 : -1;
}

#ifdef ATSCHECK_PASID
/* iommu_attach_device_pasid(): the domain's set_dev_pasid, with no old domain
 * (the core refuses a PASID already attached); the group's pasid_array is
 * set only when it succeeds. A paging domain's is the driver's
 * default_domain_ops.set_dev_pasid, arm_smmu_s1_set_dev_pasid(). */
static void action_pasid(int d, int D) {
    struct device *dev = &devs[d].pdev.dev;
    int ret = -EINVAL;
    if (dom_kind[D] == KIND_PAGING)
        ret = arm_smmu_s1_set_dev_pasid(doms[D], dev, ATSCHECK_SSID, NULL);
#ifdef ATSCHECK_SVA
    else if (dom_kind[D] == KIND_SVA)
        ret = arm_smmu_sva_set_dev_pasid(doms[D], dev, ATSCHECK_SSID, NULL);
#endif
    if (ret == 0) {
        devs[d].pasid_domain = D;
        devs[d].ops += devs[d].ops < 2;
    } else
        event("[\"attach_failed\",%d]", ret);
}

/* iommu_detach_device_pasid(): the blocked domain's set_dev_pasid with the
 * PASID's domain as the old one (the series), or ops->remove_dev_pasid (6.12). */
static void action_pasid_detach(int d) {
    struct device *dev = &devs[d].pdev.dev;
    const int D = devs[d].pasid_domain;
    if (D < 0) {
        event("[\"not_attached\",%d]", d);
        return;
    }
#ifdef ATSCHECK_BLOCKING_SET_DEV_PASID
    arm_smmu_blocking_set_dev_pasid(&arm_smmu_blocked_domain, dev, ATSCHECK_SSID, doms[D]);
#else
    arm_smmu_remove_dev_pasid(dev, ATSCHECK_SSID, doms[D]);
#endif
    devs[d].pasid_domain = -1;
}
#endif

static void dump(int script, int step, const char *alt) {
    printf("%d %d %s {\"pdev\":[", script, step, alt);
    for (int d = 0; d < n_dev; ++d) {
        const struct pci_dev *p = &devs[d].pdev;
        printf("%s[%d,%d,%d,%d]", d ? "," : "", p->ats_cap != 0, p->untrusted, p->ats_stu,
               p->ats_enabled);
    }
    printf("],\"master\":[");
    for (int d = 0; d < n_dev; ++d) {
        const struct atscheck_dev *a = &devs[d];
        const struct arm_smmu_master *m = a->iommu.priv;
        printf("%s[%d,%d,%d,%d,%d,%d,%d,%d]", d ? "," : "", m != NULL, m && m->ats_enabled,
               m ? domain_index(a->group_domain) : -1, a->paused, a->paused ? a->attach_domain : -1,
               a->paused && a->pending_ats, m ? a->ops : 0, m ? a->pasid_domain : -1);
    }
    printf("],\"domain\":[");
    for (int D = 0; D < n_dom; ++D) {
        if (!tracked(D)) {
            printf("%snull", D ? "," : "");
            continue;
        }
        struct arm_smmu_domain *sd = to_smmu_domain(doms[D]);
        struct arm_smmu_master_domain *md;
        printf("%s{\"nr_ats_masters\":%d,\"devices\":[", D ? "," : "",
               atomic_read(&sd->nr_ats_masters));
        int first = 1;
        int shown = 0;
        list_for_each_entry(md, &sd->devices, devices_elm) {
            if (++shown > ATSCHECK_MAX_LIST)
                break; /* a list the code broke: what was shown differs already */
            /* 6.12's entry has no ATS bit: arm_smmu_atc_inv_domain() reads
             * its master's ats_enabled (612c:2119-2132), freed or not */
            printf("%s[%d,%u,%d]", first ? "" : ",", master_index(md->master), (unsigned)md->ssid,
                   md->master && md->master->ats_enabled);
            first = 0;
        }
        printf("]");
#ifdef ATSCHECK_INVS
        /* The ATS entries of the domain's invalidation array: the function
         * (StreamID - 1), the SSID and the users (0: trash not yet purged). */
        const struct arm_smmu_invs *invs = sd->invs;
        printf(",\"invs\":[");
        first = 1;
        for (size_t i = 0; invs && i < invs->num_invs; ++i) {
            const struct arm_smmu_inv *inv = &invs->inv[i];
            if (inv->type != INV_TYPE_ATS && inv->type != INV_TYPE_ATS_FULL)
                continue;
            printf("%s[%d,%u,%d]", first ? "" : ",", (int)inv->id - 1, (unsigned)inv->ssid,
                   inv->users);
            first = 0;
        }
        printf("]");
#endif
        printf("}");
    }
#ifdef ATSCHECK_PASID
    /* What else of a master the driver reads back (the CD table's SSIDs in
     * use, its STE's CD table and EATS): part of the code's state for the
     * code engine, not read by the abstraction. */
    printf("],\"driver\":[");
    for (int d = 0; d < n_dev; ++d) {
        const struct arm_smmu_master *m = devs[d].iommu.priv;
        printf("%s[%d,%d,%d]", d ? "," : "", m ? (int)m->cd_table.used_ssids : -1,
               m && m->cd_table.in_ste, m && m->ste_ats_enabled);
    }
#endif
    printf("],\"probe_failed\":%d,\"events\":[%s]}\n", probe_failed, events);
    fflush(stdout);
    events_len = 0;
    events[0] = 0;
}

static void set_up_domains(void) {
    for (int D = 0; D < n_dom; ++D) {
        if (dom_kind[D] == KIND_IDENTITY) {
            doms[D] = &arm_smmu_identity_domain;
        } else if (dom_kind[D] == KIND_BLOCKED) {
            doms[D] = &arm_smmu_blocked_domain;
        } else {
            /* arm_smmu_domain_alloc(), finalised for the harness's SMMU
             * beforehand (smmu-ats-slice.md section 7, item 2); an SVA
             * domain as arm_smmu_sva_domain_alloc() leaves it, bound to the
             * harness's one process. */
            static _Alignas(64) char mm[64];
            struct arm_smmu_domain *sd = arm_smmu_domain_alloc();
            sd->domain.type = dom_kind[D] == KIND_SVA ? IOMMU_DOMAIN_SVA : IOMMU_DOMAIN_DMA;
            sd->domain.mm = dom_kind[D] == KIND_SVA ? (struct mm_struct *)mm : NULL;
            sd->smmu = &atscheck_smmu;
            sd->stage = ARM_SMMU_DOMAIN_S1;
            doms[D] = &sd->domain;
        }
    }
}

static void run_action(const char *a) {
    int d, D;
    watch(watched); /* the environment's own changes are nobody's */
    if (sscanf(a, "probe:%d", &d) == 1)
        action_probe(d);
    else if (sscanf(a, "prepare:%d:%d", &d, &D) == 2)
        action_prepare(d, D);
    else if (sscanf(a, "commit:%d", &d) == 1)
        action_commit(d, 0);
    else if (sscanf(a, "commit!:%d", &d) == 1)
        action_commit(d, 1);
    else if (sscanf(a, "third_party:%d", &d) == 1)
        action_third_party(d);
    else if (sscanf(a, "quirk:%d", &d) == 1)
        action_quirk(d);
    else if (sscanf(a, "release:%d", &d) == 1)
        action_release(d);
#ifdef ATSCHECK_PASID
    else if (sscanf(a, "pasid:%d:%d", &d, &D) == 2)
        action_pasid(d, D);
    else if (sscanf(a, "pasid_detach:%d", &d) == 1)
        action_pasid_detach(d);
#endif
    else
        event("[\"unknown_action\",\"%s\"]", a);
}

/* Every run starts from the same driver: the harness's state cleared and
 * the tree's file-scope variables (ATSCHECK_TREE_VARIABLES: the static
 * domains, the ASID lock) put back as they were at start-up. What a run
 * allocated is left behind: a run is short, and nothing reaches it again. */
struct atscheck_variable {
    void *at;
    size_t size;
    void *saved;
};
static struct atscheck_variable tree_variables[] = {ATSCHECK_TREE_VARIABLES};
static int device_pf[ATSCHECK_MAX_DEV], device_pasid[ATSCHECK_MAX_DEV];

static void save_tree_variables(void) {
    for (size_t i = 0; tree_variables[i].at; ++i) {
        tree_variables[i].saved = malloc(tree_variables[i].size);
        memcpy(tree_variables[i].saved, tree_variables[i].at, tree_variables[i].size);
    }
}

static void reset(char *init) {
    for (size_t i = 0; tree_variables[i].at; ++i)
        memcpy(tree_variables[i].at, tree_variables[i].saved, tree_variables[i].size);
    memset(devs, 0, sizeof(devs));
    memset(&atscheck_smmu, 0, sizeof(atscheck_smmu));
    main_calls.depth = 0;
    calls = &main_calls;
    probe_failed = 0;
    events_len = 0;
    events[0] = 0;
    atscheck_smmu.features = ARM_SMMU_FEAT_ATS;
#ifdef ATSCHECK_PASID
    atscheck_smmu.ssid_bits = 1; /* SSIDs 0 and 1 (IDR1.SSIDSIZE) */
#endif
    atscheck_smmu.pgsize_bitmap = 1UL << stu_shift;
    set_up_domains();
    char *save = NULL;
    for (int d = 0; d < n_dev; ++d) {
        struct pci_dev *p = &devs[d].pdev;
        devs[d].pf = device_pf[d];
        devs[d].has_pasid = device_pasid[d];
        devs[d].pasid_domain = -1;
        p->ats_cap = atoi(strtok_r(d ? NULL : init, " ", &save)) ? 0x100 : 0;
        p->untrusted = atoi(strtok_r(NULL, " ", &save));
        p->ats_stu = (u8)atoi(strtok_r(NULL, " ", &save));
        p->ats_enabled = atoi(strtok_r(NULL, " ", &save));
        p->dev.is_pci = true;
        if (devs[d].pf >= 0) {
            p->is_virtfn = 1;
            p->physfn = &devs[devs[d].pf].pdev;
        }
    }
    watch(watched);
}

/* One script: its prefix (dumped step by step), then each alternative
 * from a fresh driver that replays the prefix quietly. `progress` tells the
 * parent where a crash happened: the script and the alternative (-1: the
 * prefix). */
#define ATSCHECK_MAX_WORDS 256
static volatile int *progress;

static void run_script(int script, const char *line, int first_alternative) {
    /* "expand": the code engine knows the prefix's states already */
    const int dump_prefix = strncmp(line, "expand ", 7) != 0;
    attributing = dump_prefix;
    line += 7;
    char init[1024], words[65536];
    const char *bar = strchr(line, '|'), *colon = strchr(line, ':');
    if (!bar || !colon || colon > bar)
        return;
    snprintf(init, sizeof(init), "%.*s", (int)(colon - line), line);
    snprintf(words, sizeof(words), "%.*s", (int)(bar - colon - 1), colon + 1);
    char *prefix[ATSCHECK_MAX_WORDS], *alternatives[ATSCHECK_MAX_WORDS], *save = NULL;
    int n_prefix = 0, n_alt = 0;
    for (char *w = strtok_r(words, " \n", &save); w && n_prefix < ATSCHECK_MAX_WORDS;
         w = strtok_r(NULL, " \n", &save))
        prefix[n_prefix++] = w;
    static char alt_text[65536];
    snprintf(alt_text, sizeof(alt_text), "%s", bar + 1);
    for (char *w = strtok_r(alt_text, " \n", &save); w && n_alt < ATSCHECK_MAX_WORDS;
         w = strtok_r(NULL, " \n", &save))
        alternatives[n_alt++] = w;
    char init_copy[1024];
    progress[0] = script;
    progress[1] = -1;
    if (first_alternative == 0 && dump_prefix) {
        memcpy(init_copy, init, sizeof(init));
        reset(init_copy);
        dump(script, 0, "-");
        for (int i = 0; i < n_prefix; ++i) {
            run_action(prefix[i]);
            dump(script, i + 1, "-");
        }
    }
    for (int k = first_alternative; k < n_alt; ++k) {
        progress[1] = k;
        memcpy(init_copy, init, sizeof(init));
        reset(init_copy);
        for (int i = 0; i < n_prefix; ++i)
            run_action(prefix[i]);
        events_len = 0;
        events[0] = 0;
        run_action(alternatives[k]);
        dump(script, n_prefix + 1, alternatives[k]);
    }
}

/* The scripts run in a worker process; when the tree's code kills it, the
 * parent reports the script and alternative it died in and starts another
 * worker after them. */
static char **scripts;
static int n_scripts;

static void worker(int from, int first_alternative) {
    for (int s = from; s < n_scripts; ++s)
        run_script(s, scripts[s], s == from ? first_alternative : 0);
}

/* The k-th alternative's word of a script line, into `out`. */
static void alternative_word(const char *line, int k, char *out, size_t size) {
    const char *w = strchr(line, '|');
    snprintf(out, size, "?");
    for (int i = 0; w && *w; ++i) {
        while (*w == ' ' || *w == '|')
            ++w;
        const size_t n = strcspn(w, " \n");
        if (i == k) {
            snprintf(out, size, "%.*s", (int)n, w);
            return;
        }
        w += n;
        if (*w == '\n' || !*w)
            return;
    }
}

int main(void) {
    static char line[65536];
    scripts = calloc(1 << 20, sizeof(char *));
    while (fgets(line, sizeof(line), stdin)) {
        int d, pf, pasid;
        char kind[32];
        if (sscanf(line, "system %d %d %d %d", &stu_shift, &n_dev, &n_dom, &third_party_stu) == 4)
            continue;
        if (sscanf(line, "device %d %d %d", &d, &pf, &pasid) == 3) {
            device_pf[d] = pf;
            device_pasid[d] = pasid;
            continue;
        }
        if (sscanf(line, "domain %d %31s", &d, kind) == 2) {
            dom_kind[d] = !strcmp(kind, "paging")     ? KIND_PAGING
                          : !strcmp(kind, "identity") ? KIND_IDENTITY
                          : !strcmp(kind, "sva")      ? KIND_SVA
                                                      : KIND_BLOCKED;
            continue;
        }
        if ((!strncmp(line, "script ", 7) || !strncmp(line, "expand ", 7)) &&
            n_scripts < (1 << 20))
            scripts[n_scripts++] = strdup(line);
    }
    save_tree_variables();
    progress =
        mmap(NULL, 2 * sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int from = 0, first_alternative = 0;
    while (from < n_scripts) {
        fflush(stdout);
        const pid_t child = fork();
        if (child == 0) {
            worker(from, first_alternative);
            fflush(stdout);
            _exit(0);
        }
        int status = 0;
        waitpid(child, &status, 0);
        if (!WIFSIGNALED(status))
            break;
        char word[64] = "-";
        if (progress[1] >= 0)
            alternative_word(scripts[progress[0]], progress[1], word, sizeof(word));
        printf("%d 0 %s crash %d\n", progress[0], word, WTERMSIG(status));
        /* a prefix that dies takes its alternatives with it */
        from = progress[1] < 0 ? progress[0] + 1 : progress[0];
        first_alternative = progress[1] < 0 ? 0 : progress[1] + 1;
    }
    return 0;
}
