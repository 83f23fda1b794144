"""The PyInstaller bundle's tests: built once (RESULTSDESK_PACKAGING=1, as CI does), then run
like a user would. The fixtures that build and run it are in test_packaging.py itself."""
