package dev.hypersphere.data;

import java.io.IOException;

/**
 * A data file that cannot be read as what it claims to be (a truncated RecordIO pack, an IDX file with the wrong
 * magic, an image that does not decode…). The message names the file and, where it helps, the record, offset or
 * field, and what was expected: it is meant to be shown to a person as it is.
 */
public class MalformedDataException extends IOException {

    public MalformedDataException(String message) {
        super(message);
    }

    public MalformedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
