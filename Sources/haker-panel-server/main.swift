print("haker-panel-server")
