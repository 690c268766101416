/* atscheck's stand-in for the kernel surface the SMMUv3 driver's ATS slice
 * uses (docs/conformance.md, "The SMMU layer"), so that a tree's own
 * arm-smmu-v3.h and the functions atscheck takes from its arm-smmu-v3.c
 * compile and run in user space beside its ats.c. Every <linux/...> header
 * the tree names is this one file. Semantics follow
 * ../shared/reference/smmu-ats-slice.md section 4: lists as doubly linked
 * lists with poisoned deletes, atomics as plain ints, locks as "held" flags
 * that record a second acquisition, RCU as plain loads and stores, WARN and
 * dev_err recording the tree's file, line and function. Nothing here touches
 * "hardware": the driver's STE, CD and command-queue writers are replaced by
 * recording stubs that atscheck generates from the tree's own prototypes. */
#ifndef ATSCHECK_IOMMU_H
#define ATSCHECK_IOMMU_H

#include <stdlib.h>
#include <string.h>

#include "atscheck_kernel.h"

typedef int64_t s64;
typedef u64 __le64;
typedef u32 __le32;
typedef u64 dma_addr_t;
typedef u64 phys_addr_t;
typedef u64 ktime_t;
typedef unsigned int gfp_t;
typedef u32 ioasid_t;
typedef long ssize_t;

#define ENOMEM 12
#define ENOENT 2
#define ENOSPC 28
#define EEXIST 17
#define ENXIO 6
#define EIO 5

#define IOMMU_NO_PASID 0U
#define GFP_KERNEL 0U
#define GFP_ATOMIC 0U
#define __GFP_ZERO 0U

/* Attributes and annotations the tree's code carries: no meaning here. */
#define __iomem
#define __rcu
#define __force
#define __maybe_unused __attribute__((unused))
#define __always_inline inline
#define noinline
#define __packed __attribute__((packed))
#define __aligned(x) __attribute__((aligned(x)))
#define ____cacheline_aligned_in_smp
#define __counted_by(m)
#define __randomize_layout
#define SMP_CACHE_BYTES 64
#define BITS_PER_LONG 64
#define BITS_PER_BYTE 8
#define VISIBLE_IF_KUNIT
#define EXPORT_SYMBOL_IF_KUNIT(s)
#define IS_ENABLED(option) 0
#define might_sleep() ((void)0)
#define fallthrough __attribute__((__fallthrough__))

/* Bits, fields, endianness (exact: the STE is decoded with them). */
#define BIT_ULL(n) (1ULL << (n))
#define GENMASK_ULL(h, l) (((~0ULL) << (l)) & (~0ULL >> (63 - (h))))
#undef FIELD_GET
#undef FIELD_PREP
#define FIELD_GET(mask, reg) ((__typeof__(mask))(((reg) & (mask)) >> __builtin_ctzll(mask)))
#define FIELD_PREP(mask, val) ((((u64)(val)) << __builtin_ctzll(mask)) & (mask))
#define cpu_to_le64(x) ((u64)(x))
#define le64_to_cpu(x) ((u64)(x))
#define cpu_to_le32(x) ((u32)(x))
#define le32_to_cpu(x) ((u32)(x))
#define __ffs(x) ((unsigned long)__builtin_ctzl(x))
#define ilog2(n) (63 - __builtin_clzll((u64)(n)))
#define min_t(type, a, b) ((type)(a) < (type)(b) ? (type)(a) : (type)(b))
#define max_t(type, a, b) ((type)(a) > (type)(b) ? (type)(a) : (type)(b))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))
#define SZ_4K 0x1000
#define SZ_64K 0x10000
#define SZ_2M 0x200000
#define SZ_1G 0x40000000
#define SZ_512M 0x20000000
#define PAGE_SHIFT 12
#define MAX_PAGE_ORDER 10
#define struct_size(p, member, n) (sizeof(*(p)) + sizeof((p)->member[0]) * (size_t)(n))
#define container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))
#define typeof_member(T, m) __typeof__(((T *)0)->m)
#define READ_ONCE(x) (x)
#define WRITE_ONCE(x, v) ((x) = (v))
#define wmb() __asm__ __volatile__("" ::: "memory")
#define dma_wmb() wmb()
#define smp_mb() wmb()
#define smp_mb__after_atomic() wmb()

/* Errors carried in pointers. */
#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)
static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline bool IS_ERR(const void *ptr) { return IS_ERR_VALUE((unsigned long)ptr); }
static inline bool IS_ERR_OR_NULL(const void *ptr) { return !ptr || IS_ERR(ptr); }
#define ERR_CAST(p) ((void *)(p))

/* WARN and messages: the harness records the tree's file, line and function
 * (the slice is compiled under #line, so __FILE__ and __LINE__ are the tree's). */
void atscheck_warn(const char *file, int line, const char *function);
void atscheck_message(const char *file, int line, const char *function, const char *level);
#undef WARN_ON
#undef WARN_ON_ONCE
#undef WARN
#define WARN_ON(cond)                                                                              \
    ({                                                                                             \
        int atscheck_c = !!(cond);                                                                 \
        if (atscheck_c)                                                                            \
            atscheck_warn(__FILE__, __LINE__, __func__);                                           \
        atscheck_c;                                                                                \
    })
#define WARN_ON_ONCE(cond) WARN_ON(cond)
#define WARN(cond, ...) WARN_ON(cond)
#define WARN_ONCE(cond, ...) WARN_ON(cond)
#define dev_err(dev, ...) atscheck_message(__FILE__, __LINE__, __func__, "dev_err")
#define dev_warn(dev, ...) atscheck_message(__FILE__, __LINE__, __func__, "dev_warn")
#define dev_info(dev, ...) ((void)(dev))
#define dev_dbg(dev, ...) ((void)(dev))
#define dev_err_ratelimited(dev, ...) dev_err(dev, __VA_ARGS__)
#define pr_err(...) ((void)0)
#define pr_warn(...) ((void)0)
#define pr_info(...) ((void)0)
#define BUILD_BUG_ON(c) ((void)sizeof(char[1 - 2 * !!(c)]))

/* Lists: the kernel's doubly linked list; a deleted entry is poisoned so that
 * a stale use faults. */
struct list_head {
    struct list_head *next, *prev;
};
#define LIST_HEAD_INIT(name)                                                                       \
    { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)
#define LIST_POISON1 ((struct list_head *)0x100)
#define LIST_POISON2 ((struct list_head *)0x122)
static inline void INIT_LIST_HEAD(struct list_head *l) { l->next = l->prev = l; }
static inline void list_add(struct list_head *n, struct list_head *head) {
    n->next = head->next;
    n->prev = head;
    head->next->prev = n;
    head->next = n;
}
static inline void list_add_tail(struct list_head *n, struct list_head *head) {
    n->next = head;
    n->prev = head->prev;
    head->prev->next = n;
    head->prev = n;
}
static inline void list_del(struct list_head *e) {
    e->prev->next = e->next;
    e->next->prev = e->prev;
    e->next = LIST_POISON1;
    e->prev = LIST_POISON2;
}
static inline int list_empty(const struct list_head *h) { return h->next == h; }
#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(ptr, type, member) list_entry((ptr)->next, type, member)
#define list_for_each_entry(pos, head, member)                                                     \
    for (pos = list_entry((head)->next, __typeof__(*pos), member); &pos->member != (head);         \
         pos = list_entry(pos->member.next, __typeof__(*pos), member))
#define list_for_each_entry_safe(pos, n, head, member)                                             \
    for (pos = list_entry((head)->next, __typeof__(*pos), member),                                 \
        n = list_entry(pos->member.next, __typeof__(*pos), member);                                \
         &pos->member != (head); pos = n, n = list_entry(n->member.next, __typeof__(*n), member))
#define list_for_each_entry_rcu(pos, head, member, ...) list_for_each_entry(pos, head, member)
struct hlist_node {
    struct hlist_node *next, **pprev;
};
struct rb_node {
    unsigned long rb_parent_color;
    struct rb_node *rb_right, *rb_left;
};
struct rb_root {
    struct rb_node *rb_node;
};
#define RB_ROOT ((struct rb_root){NULL})
/* The StreamID tree as a plain binary search tree: the slice only inserts
 * and erases, and a tree of a few masters needs no balancing. */
#define rb_entry(ptr, type, member) container_of(ptr, type, member)
static inline struct rb_node *rb_find_add(struct rb_node *node, struct rb_root *tree,
                                          int (*cmp)(struct rb_node *, const struct rb_node *)) {
    struct rb_node **link = &tree->rb_node;
    while (*link) {
        const int c = cmp(node, *link);
        if (c == 0)
            return *link;
        link = c < 0 ? &(*link)->rb_left : &(*link)->rb_right;
    }
    node->rb_left = node->rb_right = NULL;
    *link = node;
    return NULL;
}
static inline struct rb_node **atscheck_rb_link(struct rb_node **at, struct rb_node *node) {
    if (!*at || *at == node)
        return at;
    struct rb_node **left = atscheck_rb_link(&(*at)->rb_left, node);
    return *left ? left : atscheck_rb_link(&(*at)->rb_right, node);
}
static inline void rb_erase(struct rb_node *node, struct rb_root *root) {
    struct rb_node **link = atscheck_rb_link(&root->rb_node, node);
    if (!*link)
        return;
    struct rb_node *rest = node->rb_right, **last = &node->rb_left;
    while (*last)
        last = &(*last)->rb_right; /* the left subtree's largest, then the right */
    *last = rest;
    *link = node->rb_left;
}
#define sort_nonatomic(base, num, size, cmp, swap) qsort((base), (num), (size), (cmp))
#define cmp_int(l, r) (((l) > (r)) - ((l) < (r)))

/* Atomics: no concurrency here; the type stays so the harness reads it. */
typedef struct {
    int counter;
} atomic_t;
typedef struct {
    long counter;
} atomic_long_t;
typedef struct {
    atomic_t refs;
} refcount_t;
#define ATOMIC_INIT(i)                                                                             \
    { (i) }
#define atomic_read(v) ((v)->counter)
#define atomic_set(v, i) ((v)->counter = (i))
#define atomic_inc(v) ((void)((v)->counter++))
#define atomic_dec(v) ((void)((v)->counter--))
#define atomic_inc_return(v) (++(v)->counter)
#define atomic_dec_return(v) (--(v)->counter)
#define atomic_dec_and_test(v) (--(v)->counter == 0)
#define atomic_add(i, v) ((void)((v)->counter += (i)))
#define atomic_sub(i, v) ((void)((v)->counter -= (i)))
#define refcount_set(r, n) ((r)->refs.counter = (n))
#define refcount_inc(r) ((void)((r)->refs.counter++))
#define refcount_dec_and_test(r) (--(r)->refs.counter == 0)

/* Locks: a "held" flag. Taking a held lock is the interleaving the kernel
 * forbids; the harness records it (a scenario that relaxes the lock says so). */
struct atscheck_lock {
    int held;
    const char *name;
};
void atscheck_lock_taken_twice(const char *name, const char *file, int line);
static inline void atscheck_acquire(struct atscheck_lock *l, const char *name, const char *file,
                                    int line) {
    if (l->held)
        atscheck_lock_taken_twice(name, file, line);
    l->held = 1;
}
static inline void atscheck_release(struct atscheck_lock *l) { l->held = 0; }
struct mutex {
    struct atscheck_lock l;
};
typedef struct {
    struct atscheck_lock l;
} spinlock_t;
typedef struct {
    struct atscheck_lock l;
} rwlock_t;
#define DEFINE_MUTEX(name) struct mutex name = {{0, #name}}
#define DEFINE_SPINLOCK(name) spinlock_t name = {{0, #name}}
#define mutex_init(m) ((m)->l = (struct atscheck_lock){0, #m})
#define mutex_lock(m) atscheck_acquire(&(m)->l, #m, __FILE__, __LINE__)
#define mutex_unlock(m) atscheck_release(&(m)->l)
#define mutex_destroy(m) ((void)(m))
#define spin_lock_init(s) ((s)->l = (struct atscheck_lock){0, #s})
#define spin_lock(s) atscheck_acquire(&(s)->l, #s, __FILE__, __LINE__)
#define spin_unlock(s) atscheck_release(&(s)->l)
#define spin_lock_irqsave(s, f) ((void)(f), atscheck_acquire(&(s)->l, #s, __FILE__, __LINE__))
#define spin_unlock_irqrestore(s, f) ((void)(f), atscheck_release(&(s)->l))
#define rwlock_init(r) ((r)->l = (struct atscheck_lock){0, #r})
#define read_lock_irqsave(r, f) ((void)(f), (void)(r))
#define read_unlock_irqrestore(r, f) ((void)(f), (void)(r))
#define write_lock_irqsave(r, f) ((void)(f), (void)(r))
#define write_unlock_irqrestore(r, f) ((void)(f), (void)(r))
#define lockdep_assert_held(l) ((void)(l))
#define lockdep_is_held(l) 1
#define iommu_group_mutex_assert(dev) ((void)(dev))
#define guard(kind) (void)

/* RCU: plain loads and stores; kfree_rcu is kfree (one thread). */
#define rcu_read_lock() ((void)0)
#define rcu_read_unlock() ((void)0)
#define rcu_dereference(p) (p)
#define rcu_dereference_protected(p, c) (p)
#define rcu_dereference_check(p, c) (p)
#define rcu_assign_pointer(p, v) ((p) = (v))
#define RCU_INIT_POINTER(p, v) ((p) = (v))
struct rcu_head {
    void *next;
};
#define kfree_rcu(p, field) atscheck_kfree(p)

/* Allocation: calloc and free. */
#define kzalloc(size, gfp) calloc(1, (size))
#define kmalloc(size, gfp) calloc(1, (size))
#define kcalloc(n, size, gfp) calloc((n), (size))
/* The typed allocators of later trees, with an optional gfp argument. */
#define kzalloc_obj(obj, ...) ((__typeof__(obj) *)calloc(1, sizeof(obj)))
#define kzalloc_objs(obj, n, ...) ((__typeof__(obj) *)calloc((n), sizeof(obj)))
void atscheck_kfree(void *p);
#define kfree(p) atscheck_kfree((void *)(p))
#define devm_kzalloc(dev, size, gfp) calloc(1, (size))
/* Coherent DMA memory (the CD tables): zeroed memory whose address is its handle. */
static inline void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *handle,
                                       gfp_t gfp) {
    void *p = calloc(1, size);
    (void)dev, (void)gfp;
    *handle = (dma_addr_t)(uintptr_t)p;
    return p;
}
#define dma_free_coherent(dev, size, p, handle) free(p)

/* The device model: a device, its IOMMU data and firmware spec. */
struct fwnode_handle {
    int unused;
};
struct iommu_fwspec {
    struct fwnode_handle *iommu_fwnode;
    u32 flags;
    unsigned int num_ids;
    u32 ids[1];
};
#define IOMMU_FWSPEC_PCI_RC_ATS (1 << 0)
#define IOMMU_FWSPEC_PCI_RC_CANWBS (1 << 1)
struct dev_iommu {
    struct mutex lock;
    struct iommu_fwspec *fwspec;
    void *priv;
    u32 max_pasids;
    u32 attach_deferred : 1;
    u32 pci_32bit_workaround : 1;
    u32 require_direct : 1;
    u32 shadow_on_flush : 1;
};
static inline struct iommu_fwspec *dev_iommu_fwspec_get(struct device *dev) {
    return dev->iommu ? dev->iommu->fwspec : NULL;
}
static inline void *dev_iommu_priv_get(struct device *dev) {
    return dev->iommu ? dev->iommu->priv : NULL;
}
static inline void dev_iommu_priv_set(struct device *dev, void *priv) { dev->iommu->priv = priv; }
#define dev_is_pci(dev) ((dev)->is_pci)
#define to_pci_dev(d) container_of(d, struct pci_dev, dev)
#define dev_name(dev) "atscheck"
int device_property_read_u32(struct device *dev, const char *name, u32 *val);
bool device_property_read_bool(struct device *dev, const char *name);

/* The IOMMU core's types, and a one-group-per-device core in the harness. */
struct iommu_domain;
/* ATSCHECK_ATTACH_WITH_OLD: the invalidation-array era's core passes the
 * domain being left to attach_dev and set_dev_pasid (900c:3656). */
#ifdef ATSCHECK_ATTACH_WITH_OLD
struct iommu_domain_ops {
    int (*attach_dev)(struct iommu_domain *domain, struct device *dev, struct iommu_domain *old);
    int (*set_dev_pasid)(struct iommu_domain *domain, struct device *dev, ioasid_t pasid,
                         struct iommu_domain *old);
    void (*free)(struct iommu_domain *domain);
};
#else
struct iommu_domain_ops {
    int (*attach_dev)(struct iommu_domain *domain, struct device *dev);
    int (*set_dev_pasid)(struct iommu_domain *domain, struct device *dev, ioasid_t pasid);
    void (*free)(struct iommu_domain *domain);
};
#endif
#define __IOMMU_DOMAIN_PAGING (1U << 0)
#define __IOMMU_DOMAIN_DMA_API (1U << 1)
#define __IOMMU_DOMAIN_PT (1U << 2)
#define __IOMMU_DOMAIN_DMA_FQ (1U << 3)
#define __IOMMU_DOMAIN_SVA (1U << 4)
#define __IOMMU_DOMAIN_PLATFORM (1U << 5)
#define __IOMMU_DOMAIN_NESTED (1U << 6)
#define IOMMU_DOMAIN_BLOCKED (0U)
#define IOMMU_DOMAIN_IDENTITY (__IOMMU_DOMAIN_PT)
#define IOMMU_DOMAIN_UNMANAGED (__IOMMU_DOMAIN_PAGING)
#define IOMMU_DOMAIN_DMA (__IOMMU_DOMAIN_PAGING | __IOMMU_DOMAIN_DMA_API)
#define IOMMU_DOMAIN_SVA (__IOMMU_DOMAIN_SVA)
#define IOMMU_DOMAIN_NESTED (__IOMMU_DOMAIN_NESTED)
struct iommu_domain_geometry {
    dma_addr_t aperture_start, aperture_end;
    bool force_aperture;
};
struct iommu_domain {
    unsigned type;
    const struct iommu_domain_ops *ops;
    const struct iommu_dirty_ops *dirty_ops;
    const struct iommu_ops *owner;
    unsigned long pgsize_bitmap;
    struct iommu_domain_geometry geometry;
    int (*iopf_handler)(void *group);
    struct mm_struct *mm;
};
struct iommu_device {
    struct device *dev;
};
struct iommu_ops;
struct iommu_dirty_ops;
struct iommu_group;
struct iopf_queue;
struct mm_struct;
/* An SVA domain's mm: the harness's one process, always alive. */
static inline bool mmget_not_zero(struct mm_struct *mm) { return mm != NULL; }
static inline void mmput(struct mm_struct *mm) { (void)mm; }
struct mmu_notifier {
    void *ops;
};
struct iommu_sva {
    int unused;
};
struct xarray {
    int unused;
};
struct ida {
    int unused;
};
struct io_pgtable_ops;
/* iommufd's objects, which the driver's header embeds whatever the config. */
struct iommufd_viommu {
    int unused;
};
struct iommufd_vdevice {
    int unused;
};
struct iommu_domain *iommu_get_domain_for_dev(struct device *dev);
struct iommu_domain *iommu_driver_get_domain_for_dev(struct device *dev);
#define iopf_queue_remove_device(q, dev) ((void)(q), (void)(dev))
#define iopf_queue_add_device(q, dev) ((void)(q), (void)(dev), 0)

/* The PCI calls the slice makes into ats.c, by name, so the harness can see
 * their results (pci_enable_ats's failure is the model's enable_failed). */
int atscheck_pci_enable_ats(struct pci_dev *pdev, int ps, const char *file, int line);
#define pci_enable_ats(pdev, ps) atscheck_pci_enable_ats((pdev), (ps), __FILE__, __LINE__)

/* What a generated stub of the tree's own functions records. */
void atscheck_stub_called(const char *function);
void *atscheck_scratch(void);
/* Runs before the tree's arm_smmu_attach_commit(): where attach_prepare stops. */
void atscheck_before_commit(const void *master, bool ats_enabled);

#endif
