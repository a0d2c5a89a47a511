"""The event, its programme, the city units and the categories of delegates."""
