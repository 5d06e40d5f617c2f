package dev.portcullis.idp.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class that needs PostgreSQL (see {@link TestPostgres}). The condition is evaluated before anything of the
 * class runs, Spring's context included: a skip is reported as a skip, not as a context that failed to load.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPostgres.Condition.class)
public @interface RequiresPostgres {

	/** Skips (or, under {@code PORTCULLIS_REQUIRE_SERVICES=true}, fails) the class when no PostgreSQL is found. */
	final class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			return TestPostgres.unavailableReason().map(reason -> {
				if (TestPostgres.servicesRequired()) {
					throw new IllegalStateException(reason + "; PORTCULLIS_REQUIRE_SERVICES=true forbids skipping");
				}
				return ConditionEvaluationResult.disabled(reason);
			}).orElseGet(() -> ConditionEvaluationResult.enabled("PostgreSQL is available"));
		}

	}

}
