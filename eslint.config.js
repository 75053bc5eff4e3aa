import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/generated/**",
      "specs/canonical/**",
      "bench/results/**",
      "coverage/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  {
    // The CLI calls the SDK's typed methods: an overlay change must break it at compile time (issue 11).
    files: ["packages/cli/src/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "TSAsExpression > TSNeverKeyword.typeAnnotation", message: "No `as never`: type the value (the SDK exports DIGIT's entity types)." },
        { selector: "TSTypeAssertion > TSNeverKeyword.typeAnnotation", message: "No `<never>` assertions: type the value." },
        { selector: "TSAsExpression > TSFunctionType.typeAnnotation", message: "No casts to a function type: call the SDK's typed methods." },
        {
          selector: "TSAsExpression[expression.type='MemberExpression'][expression.object.type='MemberExpression'][expression.object.object.name='client']",
          message: "No casts of SDK methods: call them with their typed bodies.",
        },
        {
          selector: "CallExpression > MemberExpression.arguments[object.type='MemberExpression'][object.object.name='client']",
          message: "No SDK methods passed around as values (that erases their types): call them where they are used.",
        },
        {
          selector: "TSAsExpression > AwaitExpression > CallExpression[callee.type='MemberExpression'][callee.object.type='MemberExpression'][callee.object.object.name='client']",
          message: "SDK answers are typed: use them as they are instead of casting.",
        },
      ],
    },
  },
  {
    files: ["packages/sdk/src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["node:*"], message: "The SDK runtime must stay free of Node built-ins (browsers, Deno, Bun)." }] },
      ],
    },
  },
);
