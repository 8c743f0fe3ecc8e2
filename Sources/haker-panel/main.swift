print("haker-panel")
