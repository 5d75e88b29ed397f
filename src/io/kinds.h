/*
 * kinds.h - what each kind of import file holds: its columns, how each column is
 * recognised (Chinese and English headers), converted and checked, and which field
 * of which entity it fills. The same descriptions drive export, so a file written by
 * `parkbrain export` reads back through `parkbrain import` unchanged.
 */
#ifndef PB_KINDS_H
#define PB_KINDS_H

#include <stddef.h>

#include "model.h"
#include "unit.h"

/* How a cell becomes a field value. */
typedef enum pb_conv {
	PB_CV_TEXT,       /* trimmed text */
	PB_CV_USCC,       /* 统一社会信用代码, normalised and check-digit verified */
	PB_CV_INDUSTRY,   /* GB/T 4754-2017 code, normalised to the lettered form */
	PB_CV_MONTH,      /* yyyymm */
	PB_CV_YEAR,       /* 1949..2100 */
	PB_CV_DATE,       /* yyyymmdd */
	PB_CV_NUM,        /* a figure, converted from the header's unit */
	PB_CV_COUNT,      /* a non-negative whole number */
	PB_CV_BOOL,       /* 是/否 */
	PB_CV_ENUM,       /* one of a list of labels -> an int code */
	PB_CV_ENUM_TEXT,  /* one of a list of labels -> its canonical label */
	PB_CV_REF_ENTERPRISE,      /* USCC of an enterprise of the zone -> its id */
	PB_CV_REF_ENTERPRISE_NAME, /* name of an enterprise of the zone -> its id */
	PB_CV_REF_PARK,            /* park name -> id */
	PB_CV_REF_INDICATOR,       /* indicator name -> id */
	PB_CV_REF_PROJECT,         /* project name -> id */
	PB_CV_REF_KEY_PROJECT,     /* key project name -> id */
	PB_CV_FACT_KIND,  /* a 亩均 fact kind: a known Chinese name or an ASCII key -> the key
	                   * (pb_mujun_fact_kind_parse) */
} pb_conv;

typedef struct pb_enum_label {
	const char *label; /* as written in files; the first one per value is canonical */
	int value;
} pb_enum_label;

enum {
	PB_COL_REQUIRED = 1,  /* a row must have a value */
	PB_COL_PREV = 2,      /* the 上年同期 variant of a figure */
	PB_COL_NEGATIVE = 4,  /* a figure that may be negative (利润总额) */
	PB_COL_CHECK_ONLY = 8,/* an alternative reference used only when the main one is
	                       * absent (企业名称 beside 统一社会信用代码) */
};

typedef struct pb_column {
	const char *zh;      /* canonical header, without unit: "工业总产值" */
	const char *en;      /* English header: "gross_output" */
	const char *aliases; /* other Chinese names, '|'-separated, or NULL */
	pb_conv conv;
	const char *field;   /* the model field it fills */
	pb_dim dim;          /* unit dimension of a figure */
	unsigned flags;
	double max;          /* upper bound of a figure (0 = none) */
	const pb_enum_label *labels; /* for ENUM / ENUM_TEXT, NULL-terminated */
} pb_column;

typedef struct pb_kind {
	const char *name;    /* as typed on the command line: "monthly" */
	const char *zh;      /* "月度报表" */
	pb_entity entity;
	const pb_column *cols;
	size_t ncols;
	int field_index[64]; /* cols[i] fills descriptor field field_index[i]; set by pb_kind_find */
} pb_kind;

/** The kind named `name` ("monthly", "enterprises", ...), or NULL. */
const pb_kind *pb_kind_find(const char *name);

/** All kinds, in the order the demo imports them; *n gets the count. */
const pb_kind *pb_kind_all(size_t *n);

/** Label of an enum value (the canonical one), or "" if none. */
const char *pb_enum_label_of(const pb_enum_label *labels, int value);

#endif
