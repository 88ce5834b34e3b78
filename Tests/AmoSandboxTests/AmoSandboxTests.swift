// Tests of the sandbox server: real HTTP over loopback (see docs/ARCHITECTURE.md).
