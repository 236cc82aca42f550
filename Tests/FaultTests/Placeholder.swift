// placeholder: the fault-injection suite lands here
