package project

func testGovernor() Governor { return nil }
