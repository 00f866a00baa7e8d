/**
 * Reads the operator-edited {@code rules/targets.yaml}, the optional {@code rules/team.yaml}
 * (roles, routes, escalation policies, webhooks), the optional {@code rules/correlation.yaml}
 * (the rules that tell an attack from an outage) and the optional {@code rules/intel.yaml}
 * (polled task lists and feeds, read by {@link io.varde.config.IntelReader}) into validated
 * records. {@link io.varde.config.ConfigLoader} composes the YAML into a node tree (so every
 * value keeps its line), expands {@code ${VAR}} references from the environment, applies
 * defaults and checks all files, correlation rules against the loaded targets too, and either
 * returns a complete {@link io.varde.config.VardeConfig} or throws a
 * {@link io.varde.config.ConfigException} listing every {@link io.varde.config.ConfigError} as
 * {@code file:line: key: message}. Nothing half-valid ever leaves this package.
 */
package io.varde.config;
