package app.vitals.mobile;

import com.getcapacitor.BridgeActivity;

public class MainActivity extends BridgeActivity {}
