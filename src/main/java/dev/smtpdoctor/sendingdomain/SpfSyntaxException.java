package dev.smtpdoctor.sendingdomain;

/** A record that check_host() must answer with permerror before evaluating anything (RFC 7208 §4.6). */
final class SpfSyntaxException extends Exception {

    private final SpfProblem problem;
    private final String term;

    SpfSyntaxException(SpfProblem problem, String term) {
        super(problem + ": " + term, null, false, false);
        this.problem = problem;
        this.term = term;
    }

    SpfProblem problem() {
        return problem;
    }

    String term() {
        return term;
    }
}
