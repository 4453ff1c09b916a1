"""The versioned JSON API (/api/v1/): views parse input, call one service or selector,
and format the answer; workflow.api.errors maps refusals to HTTP."""
