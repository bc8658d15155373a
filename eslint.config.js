// One flat config for the workspace. Type-aware rules on every TypeScript file (each project's tsconfig through
// the project service), so a floating promise or an `any` leaking out of a JSON parse is a lint error. Module
// boundaries: apps depend on libs, libs never on apps, and the scopes say which lib may use which (schemas is the
// root every other project may depend on).
import nx from "@nx/eslint-plugin";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

export default [
  {
    ignores: ["**/node_modules/**", "**/dist/**", "**/.venv/**", "**/.cache/**", "**/.lake/**", "**/.nx/**"],
  },
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ["**/*.ts"] })),
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "@nx": nx },
    rules: {
      "@nx/enforce-module-boundaries": [
        "error",
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: "type:app", onlyDependOnLibsWithTags: ["type:lib"] },
            { sourceTag: "type:lib", onlyDependOnLibsWithTags: ["type:lib"] },
            { sourceTag: "type:bench", onlyDependOnLibsWithTags: ["type:lib", "type:app"] },
            { sourceTag: "scope:schemas", onlyDependOnLibsWithTags: [] },
            // The mocked engine is for tests only and depends on nothing of the lake.
            { sourceTag: "scope:testing", onlyDependOnLibsWithTags: [] },
            // The code that runs in Lambda: nothing of the lake goes into its bundles.
            { sourceTag: "scope:functions", onlyDependOnLibsWithTags: [] },
            {
              sourceTag: "scope:components",
              onlyDependOnLibsWithTags: ["scope:schemas", "scope:testing", "scope:functions"],
            },
            {
              sourceTag: "scope:stacks",
              onlyDependOnLibsWithTags: ["scope:schemas", "scope:components", "scope:testing"],
            },
            { sourceTag: "scope:jobs", onlyDependOnLibsWithTags: ["scope:schemas"] },
            {
              sourceTag: "scope:tooling",
              onlyDependOnLibsWithTags: [
                "scope:schemas",
                "scope:components",
                "scope:testing",
                "scope:stacks",
                "scope:tooling",
              ],
            },
            {
              sourceTag: "scope:infra",
              onlyDependOnLibsWithTags: ["scope:schemas", "scope:components", "scope:stacks", "scope:testing"],
            },
          ],
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  prettier,
];
