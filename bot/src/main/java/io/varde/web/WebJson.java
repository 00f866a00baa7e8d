package io.varde.web;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The web's one Jackson mapper. Strict on input, because a lenient reader hides a caller's
 * mistakes: a key given twice is an error (not "the last one wins"), and so is anything after
 * the JSON value.
 */
final class WebJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private WebJson() {
    }
}
