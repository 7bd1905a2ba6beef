# SPDX-License-Identifier: EPL-2.0
"""Runs one test of the Eclipse Paho interoperability suite against a broker on a port of our choice.

usage: run_one.py SUITE_DIR MODULE TEST HOST PORT
  SUITE_DIR  the suite's interoperability/ folder (holds client_test.py and client_test5.py)
  MODULE     client_test (MQTT 3.1.1) or client_test5 (MQTT 5)
  TEST       a test method of the module's Test class, e.g. test_dollar_topics

The suite's modules parse their options with getopt and then hand sys.argv to unittest, which would take
'-p PORT' for an option of its own (client_test5 removes it first, client_test does not); so getopt gets the
options directly and unittest only the test's name. Nothing of the suite is changed or copied.
"""
import functools
import getopt
import os
import runpy
import sys
import unittest

suite, module, test, host, port = sys.argv[1:6]
os.chdir(suite)
sys.path.insert(0, suite)
options = [("--hostname", host), ("--port", port)]
getopt.gnu_getopt = lambda *args, **kwargs: (list(options), [])
sys.argv = [module + ".py", "-p", port, "Test." + test]
unittest.main = functools.partial(unittest.TestProgram, argv=[module + ".py", "Test." + test])
runpy.run_path(os.path.join(suite, module + ".py"), run_name="__main__")
