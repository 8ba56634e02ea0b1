// One chromium and one server at a time: the machine has two cores and the tests drive a real browser.
[assembly: DoNotParallelize]
