// Tests of the terminal layer that need no terminal: input decoding, frame diffing.
