"""innograph's faces: the `innograph` command line and the Streamlit app."""
