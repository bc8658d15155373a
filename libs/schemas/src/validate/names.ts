// Naming rules shared by tables and columns. Glue allows 255 characters for table and column names (Glue API:
// TableInput.Name, Column.Name); Athena needs backticks or double quotes around its reserved keywords, which
// every consumer would have to remember, so contracts may not use them at all.
import { AUDIT_PREFIX } from "../types.js";

export const GLUE_NAME_MAX = 255;
/** Glue Column.Comment: 0..255 characters. */
export const GLUE_COMMENT_MAX = 255;
/** Glue TableInput.Description: 0..2048 characters. */
export const GLUE_TABLE_DESCRIPTION_MAX = 2048;

const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

// Athena: "Reserved keywords to escape in DDL statements" and "... in SQL SELECT statements".
const ATHENA_DDL_RESERVED = `ALL ALTER AND ARRAY AS AUTHORIZATION BETWEEN BIGINT BINARY BOOLEAN BOTH BY CASE CAST CHAR
COLUMN CONF CONSTRAINT COMMIT CREATE CROSS CUBE CURRENT CURRENT_DATE CURRENT_TIMESTAMP CURSOR DATABASE DATE DAYOFWEEK
DECIMAL DELETE DESCRIBE DISTINCT DIV DOUBLE DROP ELSE END EXCHANGE EXISTS EXTENDED EXTERNAL EXTRACT FALSE FETCH FLOAT
FLOOR FOLLOWING FOR FOREIGN FROM FULL FUNCTION GRANT GROUP GROUPING HAVING IF IMPORT IN INNER INSERT INT INTEGER
INTERSECT INTERVAL INTO IS JOIN LATERAL LEFT LESS LIKE LOCAL MACRO MAP MORE NONE NOT NULL NUMERIC OF ON ONLY OR ORDER
OUT OUTER OVER PARTIALSCAN PARTITION PERCENT PRECEDING PRECISION PRESERVE PRIMARY PROCEDURE RANGE READS REDUCE REGEXP
REFERENCES REVOKE RIGHT RLIKE ROLLBACK ROLLUP ROW ROWS SELECT SET SMALLINT START TABLE TABLESAMPLE THEN TIME TIMESTAMP
TO TRANSFORM TRIGGER TRUE TRUNCATE UNBOUNDED UNION UNIQUEJOIN UPDATE USER USING UTC_TMESTAMP VALUES VARCHAR VIEWS WHEN
WHERE WINDOW WITH`;
const ATHENA_SELECT_RESERVED = `ALTER AND AS BETWEEN BY CASE CAST CONSTRAINT CREATE CROSS CUBE CURRENT_DATE CURRENT_PATH
CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DEALLOCATE DELETE DESCRIBE DISTINCT DROP ELSE END ESCAPE EXCEPT EXECUTE
EXISTS EXTRACT FALSE FIRST FOR FROM FULL GROUP GROUPING HAVING IN INNER INSERT INTERSECT INTO IS JOIN LAST LEFT LIKE
LOCALTIME LOCALTIMESTAMP NATURAL NORMALIZE NOT NULL ON OR ORDER OUTER PREPARE RECURSIVE RIGHT ROLLUP SELECT TABLE THEN
TRUE UNESCAPE UNION UNNEST USING VALUES WHEN WHERE WITH`;

export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  `${ATHENA_DDL_RESERVED} ${ATHENA_SELECT_RESERVED}`.toLowerCase().split(/\s+/).filter(Boolean),
);

export interface NameIssue {
  readonly message: string;
  readonly fix: string;
}

/** Problems with a table or column name; `what` is "dataset" or "column" for the messages. */
export function nameIssues(name: string, what: "dataset" | "column" | "field"): NameIssue[] {
  const issues: NameIssue[] = [];
  if (!SNAKE_CASE.test(name)) {
    const suggestion = name
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "");
    issues.push({
      message: `${what} name ${JSON.stringify(name)} is not lowercase snake_case.`,
      fix: `Rename it to lowercase letters, digits and single underscores, starting with a letter${
        suggestion && SNAKE_CASE.test(suggestion) ? ` (e.g. "${suggestion}")` : ""
      }.`,
    });
  }
  if (name.length > GLUE_NAME_MAX) {
    issues.push({
      message: `${what} name is ${name.length} characters long; Glue allows at most ${GLUE_NAME_MAX}.`,
      fix: `Shorten the name to ${GLUE_NAME_MAX} characters or fewer.`,
    });
  }
  if (RESERVED_WORDS.has(name.toLowerCase())) {
    issues.push({
      message: `${what} name "${name}" is an Athena reserved keyword.`,
      fix: `Choose a more specific name (e.g. "${name.toLowerCase()}_value" or a domain prefix).`,
    });
  }
  return issues;
}

/** Business columns may not take the platform's audit prefix. */
export function auditPrefixIssue(name: string): NameIssue | null {
  return name.toLowerCase().startsWith(AUDIT_PREFIX)
    ? {
        message: `column name "${name}" uses the prefix "${AUDIT_PREFIX}", reserved for the platform's audit columns.`,
        fix: `Rename the column; the platform adds lake_* columns itself.`,
      }
    : null;
}
