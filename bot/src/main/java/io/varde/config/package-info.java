/**
 * Reads the operator-edited {@code rules/targets.yaml} and the optional {@code rules/team.yaml}
 * (roles, routes, escalation policies, webhooks) into validated records.
 * {@link io.varde.config.ConfigLoader} composes the YAML into a node tree (so every value keeps
 * its line), expands {@code ${VAR}} references from the environment, applies defaults and checks
 * both files, and either returns a complete {@link io.varde.config.VardeConfig} or throws a
 * {@link io.varde.config.ConfigException} listing every {@link io.varde.config.ConfigError} as
 * {@code file:line: key: message}. Nothing half-valid ever leaves this package.
 */
package io.varde.config;
